/**
 * The output toolkit the reports and the benchmark share: text tables (console, CSV), figures written as PNG,
 * and the common chart look. Imports no other cnnlab package and no TensorFlow.
 */
package io.cnnlab.output;
