package msg

// zh maps each English format string to its Chinese translation.
var zh = map[string]string{}
