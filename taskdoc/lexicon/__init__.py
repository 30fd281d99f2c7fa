"""The genre's vocabulary, apart from the algorithms: labels, role words, collective words, conventions."""
