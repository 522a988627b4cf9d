package org.spinecds.rules;

/**
 * Every waiver of CAND-3 is ruled out (candidacy.drl): no red flag can be present (URG-1 ruled out),
 * no moderate or severe myelopathy, no severe motor deficit. Only then may conservative care that falls
 * short make CAND-3 NOT_MET.
 */
public final class NoCareWaiver extends DerivedFact {
}
