using Recur.Nn;
using Recur.Serialization;

namespace Recur.Tests.Recurrent;

public class RecurrentCheckpointTests
{
    [Fact]
    public void Lstm_state_dict_round_trips_through_safetensors_and_gives_the_same_output()
    {
        var original = new LSTM(3, 4, numLayers: 2, bidirectional: true, generator: new Generator(8));
        var path = Path.Combine(Path.GetTempPath(), $"recur-lstm-{Guid.NewGuid():N}.safetensors");
        try
        {
            SafeTensors.Save(path, original.StateDict());
            var restored = new LSTM(3, 4, numLayers: 2, bidirectional: true, generator: new Generator(9));
            restored.LoadStateDict(SafeTensors.Load(path));

            var x = Tensor.Uniform(new Generator(1), -1f, 1f, 5, 2, 3);
            using var _ = new NoGradScope();
            var a = original.Forward(x);
            var b = restored.Forward(x);
            Assert.Equal(a.Output.ToArray(), b.Output.ToArray());
            Assert.Equal(a.HN.ToArray(), b.HN.ToArray());
            Assert.Equal(a.CN!.ToArray(), b.CN!.ToArray());
        }
        finally
        {
            File.Delete(path);
        }
    }
}
