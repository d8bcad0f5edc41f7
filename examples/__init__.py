"""Programs built on smartcity that show how to use it; not part of the wheel."""
