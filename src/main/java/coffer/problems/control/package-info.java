/**
 * Reading failures and writing problems: {@link coffer.problems.control.DatabaseFailure} says
 * whether an exception is the database being away, and whether a commit's outcome is then unknown;
 * {@link coffer.problems.control.ProblemDocuments} turns a problem into its document and back.
 */
package coffer.problems.control;
