using System.CommandLine;
using System.Text.Json.Nodes;
using Recur.Generation;
using Recur.Tasks.LanguageModels;
using Spectre.Console;

namespace Recur.Cli.Commands;

/// <summary>
/// <c>recur sample --model DIR</c>: text from a language model <c>recur lm</c> trained, after a prompt: greedy, or drawn at a
/// temperature from the top k / top p of the softmax, reproducible with <c>--seed</c>.
/// </summary>
internal static class SampleCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var model = new Option<string>("--model") { Description = "A recur lm output directory (or its checkpoint folder).", Required = true };
        var prompt = new Option<string>("--prompt") { Description = "The text to continue (default: the start of a sentence, or of a line for a character model).", DefaultValueFactory = _ => "" };
        var tokens = new Option<int>("--tokens") { Description = "Tokens (words or characters) to write.", DefaultValueFactory = _ => 50 };
        var temperature = new Option<float>("--temperature") { Description = "Softmax temperature: below 1 safer, above 1 wilder.", DefaultValueFactory = _ => 1f };
        var topK = new Option<int?>("--top-k") { Description = "Draw only among the k most likely tokens." };
        var topP = new Option<float?>("--top-p") { Description = "Draw only among the most likely tokens that make up this share of the probability (nucleus sampling)." };
        var greedy = new Option<bool>("--greedy") { Description = "Always take the most likely token (no drawing)." };
        var seed = new Option<ulong>("--seed") { Description = "Seed of the draws: the same seed writes the same text.", DefaultValueFactory = _ => 0 };
        var json = new Option<bool>("--json") { Description = "Print the result as JSON." };
        var command = new Command("sample", "Write text with a language model trained by recur lm: greedy, or drawn at a temperature from the top k / top p.")
        {
            model, prompt, tokens, temperature, topK, topP, greedy, seed, json,
        };
        command.SetAction(parse =>
        {
            var sampling = new SamplingOptions
            {
                Greedy = parse.GetValue(greedy),
                Temperature = parse.GetValue(temperature),
                TopK = parse.GetValue(topK),
                TopP = parse.GetValue(topP),
            };
            if (!(sampling.Temperature > 0f) || float.IsInfinity(sampling.Temperature))
                throw new ArgumentException($"--temperature must be a positive number, got {sampling.Temperature}.");
            if (sampling.TopK is int k && k < 1) throw new ArgumentException($"--top-k must be at least 1, got {k}.");
            if (sampling.TopP is float p && !(p > 0f && p <= 1f)) throw new ArgumentException($"--top-p must be in (0, 1], got {p}.");
            int count = parse.GetValue(tokens);
            if (count is < 0 or > 100_000) throw new ArgumentException($"--tokens must be between 0 and 100000, got {count}.");

            var sampler = LanguageModelSampler.Load(parse.GetValue(model)!);
            var text = sampler.Sample(parse.GetValue(prompt)!, count, sampling, parse.GetValue(seed));
            if (parse.GetValue(json))
            {
                var unknown = text.UnknownPromptTokens.Count > 0
                    ? new[] { $"not in the model's vocabulary, read as <unk>: {string.Join(", ", text.UnknownPromptTokens.Select(t => $"'{t}'"))}" }
                    : [];
                console.Profile.Out.Writer.WriteLine(CommandJson.Format("sample", new JsonObject
                {
                    ["recipe"] = LanguageModelConfig.RecipeName,
                    ["prompt"] = text.Prompt,
                    ["text"] = text.Continuation,
                    ["tokens"] = new JsonArray(text.Tokens.Select(t => (JsonNode?)t).ToArray()),
                    ["unknown_prompt_tokens"] = new JsonArray(text.UnknownPromptTokens.Select(t => (JsonNode?)t).ToArray()),
                    ["seed"] = parse.GetValue(seed),
                }, unknown));
                return 0;
            }
            if (text.UnknownPromptTokens.Count > 0)
                console.MarkupLineInterpolated($"[yellow]note:[/] not in the model's vocabulary, read as <unk>: {string.Join(", ", text.UnknownPromptTokens.Select(t => $"'{t}'"))}");
            console.Write(new Text(text.Prompt, new Style(decoration: Decoration.Bold)));
            console.Write(new Text(text.Continuation + "\n"));
            return 0;
        });
        return command;
    }
}
