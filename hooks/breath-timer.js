// element
