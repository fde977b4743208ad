"""``argmap serve``: a live workspace in the browser, where maps are written, checked, drawn and evaluated
as you type (``state`` what is shown, ``app`` the server and its API, ``editing`` completion and citing)."""
