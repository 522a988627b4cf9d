/**
 * Scenario tests as data: a {@link org.spinecds.scenario.Scenario} is a patient and its expected
 * outcome; {@link org.spinecds.scenario.Scenarios} runs a folder of them against an engine and reports
 * the differences and the rules no scenario made fire.
 */
package org.spinecds.scenario;
