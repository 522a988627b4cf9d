package org.spinecds.testkit;

/** A scenario file that cannot be read: the message names the file and the field. */
public final class InvalidScenarioException extends IllegalArgumentException {

    private final String file;
    private final String scenarioName;

    /**
     * A scenario file that cannot be read, and why.
     *
     * @param file the scenario file
     * @param scenarioName the scenario's name, or {@code null} if it could not be read
     * @param problem what is wrong, naming the field
     */
    public InvalidScenarioException(String file, String scenarioName, String problem) {
        super(file + ": " + problem);
        this.file = file;
        this.scenarioName = scenarioName;
    }

    /** The scenario file. */
    public String file() {
        return file;
    }

    /** The scenario's name, or "(unreadable)" when the file is not read far enough to know it. */
    public String scenarioName() {
        return scenarioName == null ? "(unreadable)" : scenarioName;
    }
}
