namespace Recur.Nn.Recurrent;

/// <summary>The problem one time loop solves: T steps of B rows, F inputs, H hidden units, and which way it runs.</summary>
internal readonly record struct TimeLoopShape(int Steps, int Batch, int InputSize, int Hidden, bool Reverse);
