package org.spinecds.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;
import org.apache.hadoop.mapreduce.lib.input.FileSplit;
import org.apache.hadoop.mapreduce.lib.input.TextInputFormat;
import org.apache.spark.api.java.JavaNewHadoopRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.spinecds.KnowledgeBaseInfo;
import org.spinecds.SpineCds;
import org.spinecds.batch.BatchScreening;
import org.spinecds.batch.ScreeningResult;
import org.spinecds.patient.Patient;
import org.spinecds.spark.internal.EngineHolder;
import org.spinecds.spark.internal.PatientRows;
import org.spinecds.spark.internal.ResultRows;

import scala.Tuple2;
import scala.Tuple3;

/**
 * Population screening on Spark: patients in, a table of results out, one row per input record, with the
 * same answers and the same errors as {@code spinecds batch}.
 *
 * <p>Each JVM builds the engine once per rule configuration (see {@link RuleSources}); each task then
 * assesses its records one by one. The driver builds the engine first, so that rules that do not load
 * fail the job before any data is read, and ships the rule files with the job.
 *
 * <p>The result columns ({@link #resultSchema()}): {@code source} (the input file) and {@code record}
 * (its line number in an NDJSON file, its row number in a Parquet file, from 1); {@code patientId},
 * {@code verdict}, {@code decisive} (the codes of the findings that decided the verdict),
 * {@code findings} (the finding codes by category), {@code possibleVerdicts} (the verdicts not yet
 * excluded, in verdict order: the verdict itself when it is definitive), {@code missingInputs};
 * {@code knowledgeBase} (name, version and SHA-256 of the rule base that produced the row); and for a record that could not be
 * assessed, {@code error} (the field it names and the message) with the assessment's columns null.
 */
public final class SparkScreening {

    /** Tasks per core that NDJSON input is split into, so that the slowest task does not hold up the rest. */
    private static final int SPLITS_PER_CORE = 3;
    private static final long MIN_SPLIT_BYTES = 256 << 10;
    /** Hadoop's setting of the record delimiter of {@link TextInputFormat}. */
    private static final String RECORD_DELIMITER = "textinputformat.record.delimiter";

    private SparkScreening() {
    }

    /** The result table's schema. */
    public static StructType resultSchema() {
        return ResultRows.SCHEMA;
    }

    /**
     * The schema of a patient table, as {@link #screenParquet} reads it: {@code patientId} and every
     * input of the patient JSON format, under the same names, all nullable (null is unknown). Whole
     * numbers are {@code int}, other numbers {@code double}, enums {@code string}, lists
     * {@code array<string>}; other numeric types are read too.
     */
    public static StructType patientSchema() {
        return PatientRows.schema();
    }

    /**
     * Screens patient JSON documents, one per line (a file, a directory or a glob; compressed files are
     * read too), framed and read as {@code spinecds batch} does ({@link BatchScreening}): lines end in
     * {@code \n} or {@code \r\n}, each is read strictly as UTF-8, a blank line is skipped and its line
     * still counts.
     */
    public static Dataset<Row> screenNdjson(SparkSession spark, String path, RuleSources rules) {
        Broadcast<RuleSources> shipped = ship(spark, rules);
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Configuration conf = new Configuration(jsc.hadoopConfiguration());
        conf.setLong(FileInputFormat.SPLIT_MAXSIZE, splitSize(conf, path, jsc.defaultParallelism()));
        // Records end in \n only, as in batch: Hadoop's default reader also ends a line at a lone \r,
        // which JSON allows as whitespace inside a record, and every later line number would shift.
        conf.set(RECORD_DELIMITER, "\n");
        @SuppressWarnings("unchecked")
        JavaNewHadoopRDD<LongWritable, Text> text = (JavaNewHadoopRDD<LongWritable, Text>) jsc.newAPIHadoopFile(path,
                TextInputFormat.class, LongWritable.class, Text.class, conf);

        // Pass 1: the lines of each split, so that each split knows the number of its first line in its file.
        List<Tuple3<String, Long, Long>> counts = text.mapPartitionsWithInputSplit((split, lines) -> {
            long n = 0;
            for (; lines.hasNext(); lines.next()) {
                n++;
            }
            FileSplit s = (FileSplit) split;
            return List.of(new Tuple3<>(s.getPath().toString(), s.getStart(), n)).iterator();
        }, true).collect();
        Map<String, Long> firstLine = new HashMap<>();
        for (Tuple3<String, Long, Long> c : counts) {
            long before = counts.stream().filter(o -> o._1().equals(c._1()) && o._2() < c._2())
                    .mapToLong(Tuple3::_3).sum();
            firstLine.put(c._1() + "@" + c._2(), before + 1);
        }

        // Pass 2: assess.
        JavaRDD<Row> rows = text.mapPartitionsWithInputSplit((split, lines) -> {
            FileSplit s = (FileSplit) split;
            String source = s.getPath().toString();
            long first = firstLine.get(source + "@" + s.getStart());
            SpineCds engine = EngineHolder.engine(shipped.value());
            KnowledgeBaseInfo kb = engine.knowledgeBase();
            return new NonBlankLines(lines, first).map(line -> ResultRows.row(source,
                    ScreeningResult.screen(engine, line.number(), line::patient), kb));
        }, false);
        return spark.createDataFrame(rows, ResultRows.SCHEMA);
    }

    /**
     * Screens a patient table in Parquet (a file, a directory or a glob) whose columns are fields of the
     * patient JSON format ({@link #patientSchema()}); a row reads as the JSON object with the same values.
     *
     * @throws IllegalArgumentException naming the columns that are not patient fields or have a type no
     *     JSON value has, before any row is read
     */
    public static Dataset<Row> screenParquet(SparkSession spark, String path, RuleSources rules) {
        Dataset<Row> table = spark.read().parquet(path);
        PatientRows.check(table.schema());
        StructField[] fields = table.schema().fields();
        Broadcast<RuleSources> shipped = ship(spark, rules);
        List<Column> columns = new ArrayList<>();
        for (StructField f : fields) {
            columns.add(table.col(f.name()));
        }
        columns.add(functions.col("_metadata.file_path"));
        columns.add(functions.col("_metadata.row_index"));
        int sourceColumn = fields.length;
        JavaRDD<Row> rows = table.select(columns.toArray(Column[]::new)).javaRDD().mapPartitions(it -> {
            SpineCds engine = EngineHolder.engine(shipped.value());
            KnowledgeBaseInfo kb = engine.knowledgeBase();
            return new MappedIterator<>(it, row -> ResultRows.row(row.getString(sourceColumn),
                    ScreeningResult.screen(engine, row.getLong(sourceColumn + 1) + 1, () -> PatientRows.read(row, fields)),
                    kb));
        });
        return spark.createDataFrame(rows, ResultRows.SCHEMA);
    }

    /** Builds the engine on the driver (so that bad rules fail here) and ships the rules pinned to its SHA-256. */
    private static Broadcast<RuleSources> ship(SparkSession spark, RuleSources rules) {
        SpineCds engine = EngineHolder.engine(rules);
        RuleSources pinned = rules.requiringSha256(engine.knowledgeBase().sha256());
        return JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(pinned);
    }

    private static long splitSize(Configuration conf, String path, int parallelism) {
        try {
            Path p = new Path(path);
            FileSystem fs = p.getFileSystem(conf);
            long total = 0;
            org.apache.hadoop.fs.FileStatus[] matches = fs.globStatus(p);
            if (matches != null) {
                for (org.apache.hadoop.fs.FileStatus st : matches) {
                    total += fs.getContentSummary(st.getPath()).getLength();
                }
            }
            return Math.max(MIN_SPLIT_BYTES, total / ((long) parallelism * SPLITS_PER_CORE) + 1);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + path, e);
        }
    }

    /** A line's bytes (without its terminator) and its number. */
    private record Line(long number, byte[] bytes) {
        Patient patient() {
            return BatchScreening.readLine(bytes, 0, bytes.length);
        }
    }

    /**
     * The non-blank lines of a split with their line numbers, counting blank lines too; one carriage
     * return before the newline is dropped. A line whose bytes are not UTF-8 is kept, to be an error, as in
     * {@code batch}, rather than read with replacement characters.
     */
    private static final class NonBlankLines implements Iterator<Line> {
        private final Iterator<Tuple2<LongWritable, Text>> lines;
        private long number;
        private Line next;

        NonBlankLines(Iterator<Tuple2<LongWritable, Text>> lines, long first) {
            this.lines = lines;
            this.number = first - 1;
        }

        @Override
        public boolean hasNext() {
            while (next == null && lines.hasNext()) {
                Text text = lines.next()._2(); // reused by the reader: copy now
                number++;
                byte[] bytes = text.getBytes();
                int length = text.getLength();
                if (length > 0 && bytes[length - 1] == '\r') {
                    length--;
                }
                if (!BatchScreening.isBlank(bytes, 0, length)) {
                    next = new Line(number, Arrays.copyOf(bytes, length));
                }
            }
            return next != null;
        }

        @Override
        public Line next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            Line n = next;
            next = null;
            return n;
        }

        <R> Iterator<R> map(java.util.function.Function<Line, R> f) {
            return new MappedIterator<>(this, f);
        }
    }

    /** An iterator that maps each element lazily, so a partition is never held in memory. */
    private static final class MappedIterator<T, R> implements Iterator<R> {
        private final Iterator<T> in;
        private final java.util.function.Function<T, R> f;

        MappedIterator(Iterator<T> in, java.util.function.Function<T, R> f) {
            this.in = in;
            this.f = f;
        }

        @Override
        public boolean hasNext() {
            return in.hasNext();
        }

        @Override
        public R next() {
            return f.apply(in.next());
        }
    }
}
