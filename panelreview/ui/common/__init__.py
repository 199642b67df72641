"""Small pieces every part of the window uses: labels, kind colours, icons, background jobs."""
