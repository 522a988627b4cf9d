/**
 * Scenario tests as data: a {@link org.spinecds.testkit.Scenario} is a patient and its expected
 * outcome; {@link org.spinecds.testkit.Scenarios} runs a folder of them against an engine and reports
 * the differences and the rules no scenario made fire.
 *
 * <p>A scenario file ({@code schema/scenario.schema.json}) has a {@code name}, a {@code description},
 * the patient and an {@code expect} object. The patient is either a whole {@code "patient"} or a
 * {@code "base"}, one of the kit's named patients ({@code bases/NAME.json} beside this package:
 * {@code lumbar-disc-herniation}, {@code lumbar-stenosis}, {@code lumbar-deformity},
 * {@code lumbar-spondylolisthesis}, {@code cervical-disc-herniation}, {@code cervical-myelopathy}),
 * and {@code "with"}, the fields that differ: each replaces the base's field, a list as a whole, and a
 * {@code null} makes the field unknown. For example
 * {@code {"name": "...", "base": "lumbar-disc-herniation", "with": {"targetAccessible": false},
 * "expect": {"verdict": "OPEN_SURGERY_PREFERRED"}}}. A file that does not follow the schema is an
 * {@link org.spinecds.testkit.InvalidScenarioException} naming the file and the field.
 */
package org.spinecds.testkit;
