package org.spinecds.fhir;

import java.util.Locale;

import org.spinecds.SpineCdsException;

/**
 * A FHIR code list file is malformed: the message names the file, the entry (section and index, with
 * its system and code where it has them) and what is wrong with it.
 */
public final class CodeListException extends SpineCdsException {

    private CodeListException(String message, Throwable cause) {
        super(message, cause);
    }

    /** An error about one place of a code list file. */
    public static CodeListException of(String file, String where, String format, Object... args) {
        return new CodeListException(file + ": " + where + ": " + String.format(Locale.ROOT, format, args), null);
    }

    /** A code list file that cannot be read or parsed at all. */
    public static CodeListException unreadable(String file, String reason, Throwable cause) {
        return new CodeListException(file + ": " + reason, cause);
    }
}
