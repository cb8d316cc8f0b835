namespace MieCool.Core;

/// <summary>
/// A computation that could not produce a trustworthy answer (an iterative solver that did not converge,
/// a mesher that failed). The message says what to change. The command line exits with code 1.
/// </summary>
public class ComputationException(string message, Exception? inner = null) : Exception(message, inner);
