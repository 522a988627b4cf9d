package org.spinecds.spark.internal;

import java.util.List;
import java.util.Map;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.spinecds.Category;
import org.spinecds.KnowledgeBaseInfo;
import org.spinecds.batch.ScreeningResult;

/** The result table's schema, and a {@link ScreeningResult} as one of its rows. */
public final class ResultRows {

    private static final StructType FINDINGS = findingsType();
    private static final StructType KNOWLEDGE_BASE = new StructType()
            .add("name", DataTypes.StringType, false)
            .add("version", DataTypes.StringType, false)
            .add("sha256", DataTypes.StringType, false);
    private static final StructType ERROR = new StructType()
            .add("field", DataTypes.StringType, false)
            .add("message", DataTypes.StringType, false);

    public static final StructType SCHEMA = new StructType()
            .add("source", DataTypes.StringType, false)
            .add("record", DataTypes.LongType, false)
            .add("patientId", DataTypes.StringType, true)
            .add("verdict", DataTypes.StringType, true)
            .add("decisive", DataTypes.createArrayType(DataTypes.StringType, false), true)
            .add("findings", FINDINGS, true)
            .add("possibleVerdicts", DataTypes.createArrayType(DataTypes.StringType, false), true)
            .add("missingInputs", DataTypes.createArrayType(DataTypes.StringType, false), true)
            .add("knowledgeBase", KNOWLEDGE_BASE, false)
            .add("error", ERROR, true);

    private ResultRows() {
    }

    private static StructType findingsType() {
        StructType t = new StructType();
        for (Category c : Category.values()) {
            t = t.add(new StructField(c.name(), DataTypes.createArrayType(DataTypes.StringType, false), false,
                    org.apache.spark.sql.types.Metadata.empty()));
        }
        return t;
    }

    /** The row of one screened record; {@code kb} is the rule base that produced it. */
    public static Row row(String source, ScreeningResult r, KnowledgeBaseInfo kb) {
        Row knowledgeBase = RowFactory.create(kb.name(), kb.version(), kb.sha256());
        if (r.isError()) {
            return RowFactory.create(source, r.record(), null, null, null, null, null, null, knowledgeBase,
                    RowFactory.create(r.errorField(), r.errorMessage()));
        }
        Map<Category, List<String>> byCategory = r.findingCodesByCategory();
        Object[] findings = new Object[Category.values().length];
        for (Category c : Category.values()) {
            findings[c.ordinal()] = array(byCategory.get(c));
        }
        return RowFactory.create(source, r.record(), r.patientId(), r.verdict().name(), array(r.decisiveCodes()),
                RowFactory.create(findings), r.possibleVerdicts().stream().map(Enum::name).toArray(String[]::new),
                array(r.missingInputs()), knowledgeBase, null);
    }

    private static String[] array(List<String> values) {
        return values.toArray(String[]::new);
    }
}
