namespace Recur.Tasks.Recipes;

/// <summary>
/// The memory training a network needs, estimated before anything is allocated: its weights, gradients and Adam's two
/// moments (4 floats per parameter) and one batch's activations kept for backward. An estimate from below: a run it
/// passes can still run short, but one it refuses could never have run. Every recipe that trains asks it before building
/// its network, so an impossible <c>--hidden</c>, <c>--layers</c> or <c>--embedding</c> fails in one line at once.
/// </summary>
internal static class TrainingMemory
{
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
        double bytes = 4.0 * (4.0 * parameters + activations);
        long available = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        return bytes <= available
            ? null
            : $"a network of {parameters:N0} parameters whose training needs about {bytes / 1e9:0.#} GB " +
              $"(weights, gradients, Adam's moments and one batch's activations), more than the {available / 1e9:0.#} GB this process can use";
    }
}
