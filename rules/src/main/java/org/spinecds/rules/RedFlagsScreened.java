package org.spinecds.rules;

/** All three red flags are known to be absent (red-flags.drl). */
public final class RedFlagsScreened extends DerivedFact {
}
