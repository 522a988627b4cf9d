/**
 * Scenario tests as data: a {@link org.spinecds.testkit.Scenario} is a patient and its expected
 * outcome; {@link org.spinecds.testkit.Scenarios} runs a folder of them against an engine and reports
 * the differences and the rules no scenario made fire.
 */
package org.spinecds.testkit;
