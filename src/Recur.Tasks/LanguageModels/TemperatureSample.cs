namespace Recur.Tasks.LanguageModels;

/// <summary>Text sampled at one temperature after training (<c>samples.md</c>).</summary>
/// <param name="Temperature">The softmax temperature.</param>
/// <param name="Text">What the model wrote.</param>
public sealed record TemperatureSample(float Temperature, SampledText Text);
