/**
 * A class's results in one place: {@link org.jcn.classroom.ClassFolder} is a folder every learner can write to,
 * where each learner's setup notebook saves its machine's sweep and the teacher's notebook
 * ({@code workshop/class-chart.ipynb}) reads them all back as {@link org.jcn.classroom.ClassResults}, one chart and
 * one table for the room. Learners can write to the folder, so nothing in it is trusted: every file is checked
 * (owner, kind, size, values) and a bad one is left out with its reason, never failing the teacher's cell.
 */
package org.jcn.classroom;
