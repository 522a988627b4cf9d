/**
 * The implementation of the engine: rule-set reading, compiling and checking, and assessment. Not
 * an API: it changes without notice, and hosts must not depend on it.
 */
package org.spinecds.internal;
