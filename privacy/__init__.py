"""Personal data in one place: apps register the fields that hold it; find, export, erase and retention read the registry."""
