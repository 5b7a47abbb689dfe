namespace Recur.Tasks.Recipes;

/// <summary>
/// The memory training a network needs, estimated before anything is allocated: its weights, gradients, Adam's two
/// moments and the copies made of them (8 floats per parameter) and one batch's activations kept for backward. An estimate from below: a run it
/// passes can still run short, but one it refuses could never have run. Every recipe that trains asks it before building
/// its network, so an impossible <c>--hidden</c>, <c>--layers</c> or <c>--embedding</c> fails in one line at once.
/// </summary>
internal static class TrainingMemory
{
    /// <summary>
    /// Floats held per parameter at the peak of a run: the weights, their gradients and Adam's two moments, plus as much
    /// again in the kernels' packed copies of the large weight matrices and the checkpoint's serialised weights and moments.
    /// Measured, not guessed: a BiLSTM classifier of 106 M parameters (<c>recur classify --embedding 200000</c> on a 40-row
    /// corpus) peaked at 3.78 GB resident, 36 bytes (9 floats) per parameter; with 4 floats per parameter the estimate let
    /// <c>--embedding 2000000</c> start and be killed by the system at 24 GB.
    /// </summary>
    private const double FloatsPerParameter = 8;

    /// <summary>
    /// The floats a recurrent stack keeps for backward over one batch: per step, layer and direction, each sample's gates
    /// and two states.
    /// </summary>
    public static double RecurrentActivations(RecurrentKind kind, int hidden, int layers, bool bidirectional, long batch, int steps)
    {
        double gateRows = RecurrentModules.GatesPerUnit(kind) * (double)hidden;
        return (double)batch * steps * layers * (bidirectional ? 2 : 1) * (gateRows + 2.0 * hidden);
    }

    /// <summary>
    /// Null when training a network of <paramref name="parameters"/> with <paramref name="activations"/> floats per batch
    /// fits in what this process can use; otherwise the sentence that says it does not ("a network of 1,234 parameters
    /// whose training needs about 12.3 GB (…), more than the 8 GB this process can use"), to follow the setting's value.
    /// </summary>
    public static string? Shortfall(double parameters, double activations)
    {
        double bytes = 4.0 * (FloatsPerParameter * parameters + activations);
        long available = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        return bytes <= available
            ? null
            : $"a network of {parameters:N0} parameters whose training needs about {bytes / 1e9:0.#} GB " +
              $"(weights, gradients, Adam's moments, their copies and one batch's activations), more than the {available / 1e9:0.#} GB this process can use";
    }
}
