"""Reading the draft: the PDF and reflow views, pages, words, highlights, selection, outline."""
