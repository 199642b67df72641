"""The clerk's desk: new panel review, import packs, members, synthesis, compose, responses."""
