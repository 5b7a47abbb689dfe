using System.Text.Json.Nodes;
using Recur.Nn;

namespace Recur.Training;

/// <summary>
/// Saves and restores the states of the generators a model draws from while it trains (its modules' registered
/// generators: dropout masks, per layer when layers own one), so that a resumed run draws the same masks as the run
/// that was never interrupted.
/// </summary>
/// <remarks>
/// A generator shared by several modules (the usual case: one seeded generator initialises the network and draws its
/// dropout masks) is saved once, under the first name it has in <see cref="Module.NamedGenerators"/>.
/// <see cref="Generator.Default"/> and the generators in <c>skip</c> are left out: the trainer saves those itself.
/// </remarks>
public static class RandomStates
{
    /// <summary>The states of <paramref name="model"/>'s generators by name, as JSON arrays of <see cref="Generator.GetState"/>.</summary>
    public static JsonObject Capture(Module model, params Generator[] skip)
    {
        ArgumentNullException.ThrowIfNull(model);
        var states = new JsonObject();
        foreach (var (name, generator) in Distinct(model, skip))
            states[name] = new JsonArray(generator.GetState().Select(v => (JsonNode?)v).ToArray());
        return states;
    }

    /// <summary>Sets every generator of <paramref name="model"/> to its state in <paramref name="states"/> (from <see cref="Capture"/>).</summary>
    /// <exception cref="InvalidDataException">A generator of the model has no state there, or a malformed one.</exception>
    public static void Restore(Module model, JsonObject states, params Generator[] skip)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(states);
        var found = Distinct(model, skip).ToList();
        // Check every state before setting any, so a failure leaves the model's generators as they were.
        var values = new List<ulong[]>(found.Count);
        foreach (var (name, _) in found)
        {
            if (states[name] is not JsonArray array)
                throw new InvalidDataException($"The checkpoint has no state for the model's generator '{name}': it was saved by another model.");
            try
            {
                values.Add(array.Select(v => v!.GetValue<ulong>()).ToArray());
            }
            catch (Exception e) when (e is NullReferenceException or InvalidOperationException or FormatException)
            {
                throw new InvalidDataException($"The checkpoint's state of generator '{name}' is malformed.", e);
            }
        }
        for (int i = 0; i < found.Count; i++)
        {
            try
            {
                found[i].Generator.SetState(values[i]);
            }
            catch (ArgumentException e)
            {
                throw new InvalidDataException($"The checkpoint's state of generator '{found[i].Name}' is invalid: {e.Message}", e);
            }
        }
    }

    private static IEnumerable<(string Name, Generator Generator)> Distinct(Module model, Generator[] skip)
    {
        var seen = new HashSet<Generator>(ReferenceEqualityComparer.Instance);
        foreach (var generator in skip) seen.Add(generator);
        seen.Add(Generator.Default);
        foreach (var (name, generator) in model.NamedGenerators())
            if (seen.Add(generator)) yield return (name, generator);
    }
}
