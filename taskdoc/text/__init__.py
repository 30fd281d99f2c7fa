"""Text repair: undo what PDF conversion and web pages did to the lines of a notice."""
