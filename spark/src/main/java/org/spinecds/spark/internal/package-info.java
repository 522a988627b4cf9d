/** The Spark job's implementation: the per-JVM engine holder and the row conversions. Not an API. */
package org.spinecds.spark.internal;
