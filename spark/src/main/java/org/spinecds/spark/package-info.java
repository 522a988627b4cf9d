/**
 * Population screening on Apache Spark. {@link org.spinecds.spark.SparkScreening} screens patients from
 * NDJSON (the patient JSON format, one document per line) or Parquet (the same fields as columns) into a
 * table of results, with the same answers and errors as {@code spinecds batch};
 * {@link org.spinecds.spark.RuleSources} is the rule configuration shipped with the job;
 * {@link org.spinecds.spark.ScreeningJob} is the job's entry point for {@code spark-submit}.
 * {@code org.spinecds.spark.internal} is the implementation; do not depend on it.
 */
package org.spinecds.spark;
