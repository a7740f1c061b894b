package sauron.io;

/**
 * What went wrong, in one line for the user: the command line's error lines and a cohort's failed rows say it the
 * same way. File system exceptions carry only the path as their message; this says what happened to it.
 */
public final class ErrorMessages {

	private ErrorMessages() {}

	public static String of(final Throwable e) {
		if (e instanceof java.nio.file.NoSuchFileException) return "file not found: " + e.getMessage();
		if (e instanceof java.nio.file.FileAlreadyExistsException f) return f.getFile() + " exists and is not a folder";
		if (e instanceof java.nio.file.AccessDeniedException f) return "permission denied: " + f.getFile();
		if (e instanceof java.nio.file.NotDirectoryException f) return f.getFile() + " is not a folder";
		if (e instanceof java.nio.file.FileSystemException f && f.getReason() == null) return "cannot use " + f.getFile() + " (" + e.getClass().getSimpleName() + ")";
		final String m = e.getMessage();
		return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
	}
}
