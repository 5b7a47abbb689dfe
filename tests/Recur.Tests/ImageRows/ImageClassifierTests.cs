using System.Text.Json.Nodes;
using Recur.Data.Images;
using Recur.Nn;
using Recur.Serialization;
using Recur.Tasks;
using Recur.Tasks.ImageRows;
using Recur.Tests.Data.Images;
using Recur.Tests.Serialization;
using SkiaSharp;

namespace Recur.Tests.ImageRows;

/// <summary>
/// The image recipe on a few hundred bundled images (small GRU, one or two epochs): what it trains, what it reports, how a
/// checkpoint resumes and predicts.
/// </summary>
public sealed class ImageClassifierTests : IDisposable
{
    private readonly ScratchDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static ImageRowsOptions Quick(string folder, int epochs = 1) => new()
    {
        DataDirectory = folder, Hidden = 16, Epochs = epochs, TrainLimit = 300, TestLimit = 200, Seed = 3,
    };

    [Fact]
    public void A_quick_run_reports_the_test_accuracy_of_every_epoch_and_the_same_one_in_its_confusion_matrix()
    {
        var result = new ImageClassifier(Quick(BundledImageFiles.Fashion, epochs: 2)).Run();

        Assert.Equal(300, result.TrainImages);
        Assert.Equal(200, result.Test.Count);
        Assert.False(result.SplitFromTestSet);
        Assert.Equal([1, 2], result.Epochs.Select(e => e.Epoch));
        Assert.Equal(2 * 3, result.StepLosses.Count);
        Assert.Equal(3, result.StepsPerEpoch);
        Assert.Equal(200, result.Confusion.Total);
        // The last epoch's test accuracy is measured by the trainer's Accuracy metric; the confusion matrix counts the
        // predictions made afterwards: the same model on the same images.
        Assert.Equal(result.Epochs[^1].TestAccuracy, result.TestAccuracy, 12);
        Assert.InRange(result.TestAccuracy, 0.2, 1.0);   // ten classes: chance is 0.1
        Assert.All(result.Epochs, e => Assert.NotNull(e.TrainingSeconds));
        Assert.Equal(result.Confusion.Accuracy, result.AccuracyPerClass.Zip(result.Test.CountPerClass(), (a, n) => a * n).Sum() / 200, 12);
        Assert.Equal(2 * 1, result.Summary.Rows.Count);
        Assert.Equal("GRU", result.Summary.Rows[0].Type);
        var pairs = result.MostConfused(3);
        Assert.True(pairs.Count <= 3);
        Assert.All(pairs, p => Assert.NotEqual(p.Actual, p.Predicted));
        Assert.Equal(pairs.Select(p => p.Count).OrderDescending(), pairs.Select(p => p.Count));
    }

    [Fact]
    public void A_folder_without_training_images_is_split_by_class_and_says_so()
    {
        var result = new ImageClassifier(Quick(BundledImageFiles.Mnist) with { Dataset = ImageDataset.Mnist }).Run();

        Assert.True(result.SplitFromTestSet);
        Assert.Contains(result.DataNotes, n => n.Contains("no training split") && n.Contains("8,000 for training and 2,000 for testing"));
        Assert.Equal(["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"], result.ClassNames);
        Assert.Equal(300, result.TrainImages);
    }

    [Fact]
    public void Resuming_after_one_epoch_ends_with_the_weights_of_a_run_never_interrupted()
    {
        string whole = Path.Combine(_dir.Path, "whole"), parts = Path.Combine(_dir.Path, "parts");
        var options = Quick(BundledImageFiles.Fashion) with { Bidirectional = true, Standardize = true };
        var uninterrupted = new ImageClassifier(options with { Epochs = 2 }) { OutputDirectory = whole }.Run();
        new ImageClassifier(options with { Epochs = 1 }) { OutputDirectory = parts }.Run();

        var resumed = new ImageClassifier(options with { Epochs = 2 }) { OutputDirectory = parts, Resume = true }.Run();

        Assert.Equal(1, resumed.ResumedAfterEpoch);
        Assert.Equal([1, 2], resumed.Epochs.Select(e => e.Epoch));
        Assert.Null(resumed.Epochs[0].TrainingSeconds);
        Assert.Equal(uninterrupted.Predicted, resumed.Predicted);
        Assert.Equal(uninterrupted.Epochs.Select(e => e.TestLoss), resumed.Epochs.Select(e => e.TestLoss));
        var a = Checkpoint.Load(Path.Combine(whole, "checkpoint")).Weights;
        var b = Checkpoint.Load(Path.Combine(parts, "checkpoint")).Weights;
        foreach (var (name, tensor) in a) Assert.Equal(tensor.ToArray(), b[name].ToArray());
    }

    [Fact]
    public void An_interrupted_run_with_cosine_decay_resumes_to_the_same_end_and_cannot_be_lengthened()
    {
        string whole = Path.Combine(_dir.Path, "whole"), parts = Path.Combine(_dir.Path, "parts");
        var options = Quick(BundledImageFiles.Fashion, epochs: 2) with { CosineDecay = true, LearningRate = 0.02f };
        var uninterrupted = new ImageClassifier(options) { OutputDirectory = whole }.Run();
        using var cancel = new CancellationTokenSource();
        var interrupted = new ImageClassifier(options) { OutputDirectory = parts };
        interrupted.EpochCompleted += _ => cancel.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => interrupted.Run(cancel.Token));

        var resumed = new ImageClassifier(options) { OutputDirectory = parts, Resume = true }.Run();

        Assert.Equal(1, resumed.ResumedAfterEpoch);
        Assert.Equal(uninterrupted.Epochs.Select(e => e.LearningRate), resumed.Epochs.Select(e => e.LearningRate));
        Assert.Equal(uninterrupted.Predicted, resumed.Predicted);
        var longer = Assert.Throws<ImageRowsSettingException>(() => new ImageClassifier(options with { Epochs = 3 }) { OutputDirectory = parts, Resume = true }.Run());
        Assert.Equal(ImageRowsSetting.Epochs, longer.Setting);
        Assert.Contains("cosine planned over 2 epochs", longer.Message);
    }

    [Fact]
    public void Resuming_with_other_settings_or_nothing_to_resume_is_refused_with_the_reason()
    {
        string outDir = Path.Combine(_dir.Path, "run");
        var options = Quick(BundledImageFiles.Fashion);
        new ImageClassifier(options) { OutputDirectory = outDir }.Run();

        var other = Assert.Throws<InvalidDataException>(() => new ImageClassifier(options with { Epochs = 2, Hidden = 8 }) { OutputDirectory = outDir, Resume = true }.Run());
        Assert.Contains("other model settings", other.Message);
        var done = Assert.Throws<ImageRowsSettingException>(() => new ImageClassifier(options) { OutputDirectory = outDir, Resume = true }.Run());
        Assert.Equal(ImageRowsSetting.Epochs, done.Setting);
        var none = Assert.Throws<InvalidDataException>(() => new ImageClassifier(options with { Epochs = 2 }) { OutputDirectory = _dir.File("none"), Resume = true }.Run());
        Assert.Contains("holds no checkpoint", none.Message);
    }

    [Fact]
    public void The_checkpoint_alone_predicts_what_the_run_predicted_from_idx_files_and_pictures()
    {
        string outDir = Path.Combine(_dir.Path, "model");
        var result = new ImageClassifier(Quick(BundledImageFiles.Fashion) with { Standardize = true }) { OutputDirectory = outDir }.Run();

        var predictor = ImagePredictor.Load(outDir);

        Assert.Equal(1, predictor.Epoch);
        Assert.Equal(result.Config.ToJson().ToJsonString(), predictor.Config.ToJson().ToJsonString());
        string idx = BundledImageFiles.Path("fashion-mnist", "t10k-images-idx3-ubyte.gz");
        for (int i = 0; i < 5; i++)
        {
            var prediction = predictor.PredictIdx(idx, i);
            Assert.Equal(result.Predicted[i], prediction.Best.Class);
            Assert.Equal(result.Confidence[i], prediction.Best.Probability, 5);
            Assert.Equal(1f, prediction.Ranked.Sum(p => p.Probability), 4);
            Assert.Equal(FashionMnistClasses.Names[prediction.Best.Class], prediction.Best.Name);
        }
        // The same image as a picture: as stored (bright on dark), and as drawn on paper (dark on light, inverted back).
        foreach (bool onPaper in new[] { false, true })
        {
            string png = WritePng(result.Test.Image(0), onPaper);
            var (picture, fromPicture) = predictor.PredictPicture(png);
            Assert.Equal(onPaper, picture.Inverted);
            Assert.Equal(result.Predicted[0], fromPicture.Best.Class);
            Assert.Equal(result.Confidence[0], fromPicture.Best.Probability, 5);
        }
        var outside = Assert.Throws<ArgumentOutOfRangeException>(() => predictor.PredictIdx(idx, 10_000));
        Assert.Contains("must be below 10,000", outside.Message);
    }

    [Fact]
    public void The_network_is_the_pytorch_style_sequential_of_stock_parts()
    {
        var config = new ImageRowsConfig(ImageRowsOptions.For(ImageRowsRecipe.Slides, "x"), 28, 28, FashionMnistClasses.Names, PixelNormalization.UnitRange);
        var network = config.CreateNetwork(new Generator(1));

        var recurrent = Assert.IsType<RecurrentLayer>(network.Layers[0]);
        Assert.IsType<GRU>(recurrent.Recurrent);
        Assert.Equal(RecurrentReadout.LastStep, recurrent.Readout);
        Assert.IsType<Linear>(network.Layers[1]);
        Assert.Equal(161_034, network.ParameterCount());
        var bidirectional = config with { Options = config.Options with { Bidirectional = true, Model = RecurrentKind.Lstm } };
        Assert.Equal(RecurrentReadout.FinalState, Assert.IsType<RecurrentLayer>(bidirectional.CreateNetwork(new Generator(1)).Layers[0]).Readout);
    }

    [Fact]
    public void The_config_reads_back_what_it_wrote_and_refuses_another_recipe()
    {
        var options = ImageRowsOptions.For(ImageRowsRecipe.Default, "data/mnist", ImageDataset.Mnist) with { TrainLimit = 50, Seed = 9 };
        var config = new ImageRowsConfig(options, 28, 28, ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"], new PixelNormalization(0.13f, 0.31f));

        var back = ImageRowsConfig.FromJson(config.ToJson(), "checkpoint.json");

        Assert.Equal(config.ToJson().ToJsonString(), back.ToJson().ToJsonString());
        Assert.Equal(options, back.Options);
        var forecast = new JsonObject { ["recipe"] = "forecast" };
        Assert.Contains("not an image model", Assert.Throws<InvalidDataException>(() => ImageRowsConfig.FromJson(forecast, "c.json")).Message);
        var broken = config.ToJson();
        broken["model"]!["kind"] = "transformer";
        Assert.Contains("transformer", Assert.Throws<InvalidDataException>(() => ImageRowsConfig.FromJson(broken, "c.json")).Message);
    }

    [Fact]
    public void The_two_recipes_and_the_settings_a_user_can_get_wrong()
    {
        var slides = ImageRowsOptions.For(ImageRowsRecipe.Slides, "d");
        Assert.Equal((RecurrentKind.Gru, 2, 128, false, 100, 0.01f, 2, false), (slides.Model, slides.Layers, slides.Hidden, slides.Bidirectional, slides.BatchSize, slides.LearningRate, slides.Epochs, slides.Standardize));
        var recommended = ImageRowsOptions.For(ImageRowsRecipe.Default, "d");
        Assert.Equal((RecurrentKind.Gru, 2, 128, false, 100, 0.005f, 10, true, true), (recommended.Model, recommended.Layers, recommended.Hidden, recommended.Bidirectional, recommended.BatchSize, recommended.LearningRate, recommended.Epochs, recommended.Standardize, recommended.CosineDecay));

        var error = Assert.Throws<ImageRowsSettingException>(() => new ImageClassifier(slides with { Hidden = 0 }));
        Assert.Equal(ImageRowsSetting.Hidden, error.Setting);
        Assert.StartsWith("ImageRowsOptions.Hidden must be at least 1", error.Message);
        Assert.Equal(ImageRowsSetting.HeldOutFraction, Assert.Throws<ImageRowsSettingException>(() => new ImageClassifier(slides with { HeldOutFraction = 1 })).Setting);
        Assert.Equal(ImageRowsSetting.LearningRate, Assert.Throws<ImageRowsSettingException>(() => new ImageClassifier(slides with { LearningRate = float.NaN })).Setting);
        Assert.Throws<DirectoryNotFoundException>(() => new ImageClassifier(slides with { DataDirectory = _dir.File("nowhere") }).Prepare());
    }

    private string WritePng(ReadOnlySpan<byte> pixels, bool onPaper)
    {
        var info = new SKImageInfo(28, 28, SKColorType.Gray8, SKAlphaType.Opaque);
        var bytes = pixels.ToArray();
        if (onPaper)
            for (int i = 0; i < bytes.Length; i++) bytes[i] = (byte)(255 - bytes[i]);
        using var image = SKImage.FromPixelCopy(info, bytes);
        using var png = image.Encode(SKEncodedImageFormat.Png, 100);
        string path = _dir.File(onPaper ? "paper.png" : "stored.png");
        File.WriteAllBytes(path, png.ToArray());
        return path;
    }
}
