/**
 * Reading failures: {@link coffer.problems.control.DatabaseFailure} says whether an exception is
 * the database being away, and whether a commit's outcome is then unknown.
 */
package coffer.problems.control;
