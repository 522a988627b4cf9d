package org.spinecds.rules;

/**
 * Conservative care falls short and only a red flag, not yet screened, could waive it (candidacy.drl):
 * a red flag would make the verdict URGENT_EVALUATION, and without one conservative care comes first.
 */
public final class CareFirstUnlessRedFlag extends DerivedFact {
}
