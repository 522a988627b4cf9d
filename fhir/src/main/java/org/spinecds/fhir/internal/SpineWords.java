package org.spinecds.fhir.internal;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Whether a display or text speaks of the spine, for a code the code lists do not hold (a SNOMED CT
 * descendant of a listed concept, a local code): such a condition leaves the coded lists open rather than
 * counting as unrelated. Errs on the side of "spinal": a false "spinal" only leaves a list unknown.
 */
final class SpineWords {

    /**
     * Stems that always speak of the spine, found anywhere in a word: with a prefix (<em>antero</em>listhesis,
     * <em>levo</em>scoliosis, <em>hyper</em>kyphosis, <em>poly</em>radiculopathy, <em>neuro</em>foraminal,
     * <em>para</em>spinal, <em>micro</em>discectomy) and with any ending. None of them is part of a word about
     * another organ.
     */
    private static final Pattern SPINAL = Pattern.compile("spine|spinal|spondyl|vertebra|radicul|sciatica|lumbar"
            + "|lumbago|sacrum|coccyx|cauda equina|myelopath|syringomyel|kyphos|kyphot|scolios|scoliot|lordos|lordot"
            + "|listhesis|foramina|lateral recess|dorsopath|dorsalgia|cervicalgia|cervicothoracic|discectomy|diskectomy"
            + "|discitis|diskitis|discogen|diskogen|discopath|diskopath|laminectomy|laminotomy");

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
