"""Editor support: ``argmap lsp`` speaks the Language Server Protocol over stdio (pygls), giving any
editor argmap's checker while typing, navigation, completion, hover, rename and quick fixes."""
