namespace Recur.Nn.Recurrent;

/// <summary>
/// Where a state sits in <see cref="DirectionBuffers.HStates"/> (and CStates): <c>[(T+1)·B, H]</c> blocks in time order,
/// the initial state at the end the direction starts from.
/// </summary>
internal static class StateBlocks
{
    /// <summary>Block holding h_{t−1} for step t is <c>t + PrevBase(reverse)</c>.</summary>
    public static int PrevBase(bool reverse) => reverse ? 1 : 0;

    /// <summary>Block holding h_t is <c>t + OutBase(reverse)</c>.</summary>
    public static int OutBase(bool reverse) => reverse ? 0 : 1;

    /// <summary>Block holding the initial state.</summary>
    public static int InitialBlock(bool reverse, int steps) => reverse ? steps : 0;

    /// <summary>Block holding the final state.</summary>
    public static int FinalBlock(bool reverse, int steps) => reverse ? 0 : steps;
}
