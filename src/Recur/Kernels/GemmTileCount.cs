namespace Recur.Kernels;

/// <summary>
/// A compile-time count for the microkernels. The JIT compiles a generic method once per struct type
/// argument, so <c>TRows.Value</c> is a constant inside it and the code for unused rows or vectors
/// disappears: one source gives a specialised kernel for every edge-tile shape.
/// </summary>
internal interface IGemmTileCount
{
    static abstract int Value { get; }
}

internal readonly struct Count0 : IGemmTileCount { public static int Value => 0; }
internal readonly struct Count1 : IGemmTileCount { public static int Value => 1; }
internal readonly struct Count2 : IGemmTileCount { public static int Value => 2; }
internal readonly struct Count3 : IGemmTileCount { public static int Value => 3; }
internal readonly struct Count4 : IGemmTileCount { public static int Value => 4; }
internal readonly struct Count5 : IGemmTileCount { public static int Value => 5; }
internal readonly struct Count6 : IGemmTileCount { public static int Value => 6; }
internal readonly struct Count7 : IGemmTileCount { public static int Value => 7; }
internal readonly struct Count8 : IGemmTileCount { public static int Value => 8; }
