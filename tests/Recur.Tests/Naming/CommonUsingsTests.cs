// Every public namespace of Recur's packages and ONNX Runtime's imported together, over the SDK's implicit usings:
// this file compiling is the proof that none of the names below needs an alias (CS0104 would fail the build).
// System.Numerics.Tensors is left out on purpose: its non-generic Tensor class does collide with Recur.Tensor, and
// docs/interop.md says why Recur keeps the name and what a file that needs both writes.
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Recur.Data;
using Recur.Data.Images;
using Recur.Data.Indicators;
using Recur.Data.Loading;
using Recur.Data.Prices;
using Recur.Data.Text;
using Recur.Data.Scaling;
using Recur.Data.Windows;
using Recur.Losses;
using Recur.Nn;
using Recur.Nn.Keras;
using Recur.Nn.Recurrent;
using Recur.Onnx;
using Recur.Optim;
using Recur.Serialization;
using Recur.Training;

namespace Recur.Tests.Naming;

public sealed class CommonUsingsTests
{
    [Fact]
    public void The_common_names_resolve_to_one_type_each_with_every_namespace_imported()
    {
        Type[] recur =
        [
            typeof(Tensor), typeof(Generator), typeof(NoGradScope), typeof(RNN), typeof(LSTM), typeof(GRU), typeof(KerasLSTM),
            typeof(KerasGRU), typeof(SimpleRNN), typeof(Dense), typeof(Bidirectional), typeof(Conv1d), typeof(Conv1D),
            typeof(Embedding), typeof(Linear), typeof(Dropout), typeof(Sequential), typeof(RecurrentLayer), typeof(Adam),
            typeof(SGD), typeof(CrossEntropyLoss), typeof(MSELoss), typeof(Trainer), typeof(DataLoader), typeof(SafeTensors),
            typeof(Checkpoint), typeof(OnnxExport), typeof(Vocabulary),
        ];
        Type[] onnxRuntime = [typeof(DenseTensor<float>), typeof(Tensor<float>), typeof(InferenceSession), typeof(NamedOnnxValue)];

        Assert.All(recur, t => Assert.StartsWith("Recur", t.Assembly.GetName().Name));
        Assert.All(onnxRuntime, t => Assert.StartsWith("Microsoft.ML.OnnxRuntime", t.Assembly.GetName().Name));
        // Recur's tensor and ONNX Runtime's are told apart by arity: Tensor is Recur's, Tensor<T> ONNX Runtime's.
        Assert.NotEqual(typeof(Tensor).Assembly, typeof(Tensor<float>).Assembly);
    }
}
