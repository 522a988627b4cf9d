package org.spinecds.spark.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.ByteType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.ShortType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.spinecds.InvalidPatientException;
import org.spinecds.json.PatientJson;
import org.spinecds.patient.Input;
import org.spinecds.patient.Patient;

/**
 * Patients as table rows: the columns are the patient JSON format's field names, a null column is an
 * unknown input, and a row is read by turning it into the JSON object it stands for and reading that
 * with {@link PatientJson}, so that a row and a JSON line with the same values give the same patient or
 * the same error.
 */
public final class PatientRows {

    /** The factory Jackson's own JSON parsing uses, so that numbers become the same nodes. */
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private PatientRows() {
    }

    /** The schema of a patient table: every input and {@code patientId}, all nullable. */
    public static StructType schema() {
        StructType t = new StructType().add(PatientJson.PATIENT_ID, DataTypes.StringType, true);
        for (Input input : Input.values()) {
            DataType type = switch (input.type()) {
                case BOOLEAN -> DataTypes.BooleanType;
                case INTEGER -> DataTypes.IntegerType;
                case DECIMAL -> DataTypes.DoubleType;
                case ENUM -> DataTypes.StringType;
                case ENUM_SET -> DataTypes.createArrayType(DataTypes.StringType, true);
            };
            t = t.add(input.jsonName(), type, true);
        }
        return t;
    }

    /**
     * Checks a table's columns before any row is read: each must be a patient field, of a type a JSON
     * value can have (boolean, a number, a string, or an array of those).
     *
     * @throws IllegalArgumentException naming every column that is not
     */
    public static void check(StructType schema) {
        Set<String> problems = new TreeSet<>();
        for (StructField f : schema.fields()) {
            if (!f.name().equals(PatientJson.PATIENT_ID) && Input.byJsonName(f.name()).isEmpty()) {
                problems.add(f.name() + " (not a patient field)");
            } else if (!supported(f.dataType(), true)) {
                problems.add(f.name() + " (type " + f.dataType().simpleString() + ")");
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("the patient table has columns that cannot be read as patient "
                    + "inputs: " + String.join(", ", problems) + "; expected the fields of the patient JSON format");
        }
    }

    private static boolean supported(DataType t, boolean top) {
        if (t instanceof ArrayType a) {
            return top && supported(a.elementType(), false);
        }
        return t instanceof BooleanType || t instanceof ByteType || t instanceof ShortType || t instanceof IntegerType
                || t instanceof LongType || t instanceof FloatType || t instanceof DoubleType
                || t instanceof DecimalType || t instanceof StringType;
    }

    /**
     * Reads the patient of a row's first {@code fields.length} columns.
     *
     * @throws InvalidPatientException naming the field, as {@link PatientJson} does for a JSON object
     */
    public static Patient read(Row row, StructField[] fields) {
        ObjectNode json = NODES.objectNode();
        for (int i = 0; i < fields.length; i++) {
            json.set(fields[i].name(), row.isNullAt(i) ? NODES.nullNode() : node(fields[i].name(), fields[i].dataType(),
                    i, row));
        }
        return PatientJson.fromTree(json);
    }

    private static JsonNode node(String field, DataType type, int i, Row row) {
        if (type instanceof ArrayType a) {
            List<Object> items = new ArrayList<>(row.getList(i));
            ArrayNode array = NODES.arrayNode(items.size());
            for (int j = 0; j < items.size(); j++) {
                array.add(items.get(j) == null ? NODES.nullNode()
                        : value(field + "[" + j + "]", a.elementType(), items.get(j)));
            }
            return array;
        }
        return value(field, type, row.get(i));
    }

    private static JsonNode value(String field, DataType type, Object v) {
        if (type instanceof BooleanType) {
            return NODES.booleanNode((Boolean) v);
        }
        if (type instanceof ByteType || type instanceof ShortType || type instanceof IntegerType) {
            return NODES.numberNode(((Number) v).intValue());
        }
        if (type instanceof LongType) {
            long n = (Long) v;
            return n == (int) n ? NODES.numberNode((int) n) : NODES.numberNode(n); // as a JSON parser would
        }
        if (type instanceof FloatType || type instanceof DoubleType) {
            double d = ((Number) v).doubleValue();
            if (!Double.isFinite(d)) {
                throw InvalidPatientException.of(field, "must be a finite number, was %s", v);
            }
            // the decimal a JSON document would carry for this value: 28.1f reads as 28.1, not 28.0999...
            return NODES.numberNode(type instanceof FloatType ? new BigDecimal(v.toString()) : BigDecimal.valueOf(d));
        }
        if (type instanceof DecimalType) {
            return NODES.numberNode((BigDecimal) v);
        }
        return NODES.textNode((String) v);
    }
}
