package org.spinecds;

import java.util.List;
import java.util.Objects;

/**
 * Which rule base produced an assessment.
 *
 * @param name the rule set's name (several rule sets are joined with {@code +})
 * @param version the rule set's version (likewise joined)
 * @param sha256 SHA-256, in hex, over every file of the rule base: each DRL file and catalogue,
 *     in path order
 * @param ruleCount the number of rules
 * @param files the files of the rule base, in path order
 */
public record KnowledgeBaseInfo(String name, String version, String sha256, int ruleCount, List<String> files) {
    public KnowledgeBaseInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(sha256, "sha256");
        files = List.copyOf(files);
    }
}
