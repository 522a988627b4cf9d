package org.spinecds.fhir.internal;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Whether a display or text speaks of the spine, for a code the code lists do not hold (a SNOMED CT
 * descendant of a listed concept, a local code): such a condition leaves the coded lists open rather than
 * counting as unrelated. Errs on the side of "spinal": a false "spinal" only leaves a list unknown.
 */
final class SpineWords {

    /** Words that always speak of the spine. */
    private static final Pattern SPINAL = Pattern.compile("(?<![\\p{L}\\p{N}])(spine|spinal|spondyl\\p{L}*"
            + "|vertebra\\p{L}*|intervertebral|paravertebral|radicul\\p{L}*|sciatica|lumbar|lumbosacral|lumbago"
            + "|thoracolumbar|cervicothoracic|sacrum|coccyx|cauda equina|myelopath\\p{L}*|kyphos\\p{L}*"
            + "|scolios\\p{L}*|lordos\\p{L}*|listhesis|foramina\\p{L}*|dorsopath\\p{L}*|dorsalgia|discectomy"
            + "|laminectomy)(?![\\p{L}\\p{N}])");

    /**
     * Words that speak of the spine unless the text is about another organ (the cervix uteri, the aorta,
     * the optic disc, the neck's lymph nodes).
     */
    private static final Pattern AMBIGUOUS = Pattern.compile("(?<![\\p{L}\\p{N}])(cervical|thoracic|discs?|disks?"
            + "|sciatic)(?![\\p{L}\\p{N}])");

    private static final Pattern OTHER_ORGAN = Pattern.compile("(?<![\\p{L}\\p{N}])(cervix|uteri|uterine"
            + "|intraepithelial|papanicolaou|smear|colposcop\\p{L}*|pregnan\\p{L}*|cerclage|aorta|aortic|outlet"
            + "|optic|lymph\\p{L}*|lymphadenopathy)(?![\\p{L}\\p{N}])");

    private SpineWords() {
    }

    static boolean spinal(String text) {
        if (text == null || text.isBlank()) {
            return false;
        }
        String t = text.toLowerCase(Locale.ROOT);
        if (SPINAL.matcher(t).find()) {
            return true;
        }
        return AMBIGUOUS.matcher(t).find() && !OTHER_ORGAN.matcher(t).find();
    }
}
