using System.Text.Json.Nodes;
using Autoencoders.Data;
using Autoencoders.Data.Tests;
using Autoencoders.Nn.Layers;
using Autoencoders.Nn.Models;
using Autoencoders.Nn.Presets;
using Autoencoders.Nn.Serialization;
using Autoencoders.Tensors;
using Autoencoders.Tensors.Autodiff;

namespace Autoencoders.Nn.Tests.Layers;

/// <summary>The sequence layers: LSTM, GRU, RepeatVector, TimeDistributed — Keras's names, defaults, shapes, parameter
/// counts, configs, masks, and a model file with all of them.</summary>
public sealed class RecurrentLayerTests : IDisposable
{
    private readonly TemporaryFolder folder = new();

    public void Dispose() => folder.Dispose();

    private static Layer FromJson(string json) => LayerFactory.FromConfig(JsonNode.Parse(json)!.AsObject(), "encoder[1]");

    private static string Error(string json) => Assert.Throws<FormatException>(() => FromJson(json)).Message;

    [Fact]
    public void ConfigOfEveryLayerBuildsTheSameLayer()
    {
        Layer[] layers =
        [
            new Lstm(8),
            new Lstm(5, returnSequences: true, kernelInitializer: Initializer.HeNormal, recurrentInitializer: Initializer.GlorotUniform,
                biasInitializer: Initializer.Ones, unitForgetBias: false),
            new Gru(6),
            new Gru(3, returnSequences: true, recurrentInitializer: Initializer.GlorotNormal),
            new RepeatVector(28),
            new TimeDistributed(new Dense(28, Activation.Sigmoid)),
            new TimeDistributed(new TimeDistributed(new Dense(2))),
        ];
        foreach (var layer in layers)
        {
            var copy = LayerFactory.FromConfig(layer.GetConfig(), "layers[0]");
            Assert.Equal(layer.GetType(), copy.GetType());
            Assert.Equal(layer.GetConfig().ToJsonString(), copy.GetConfig().ToJsonString());
        }
    }

    [Fact]
    public void DefaultsAreKeras3s()
    {
        var lstm = Assert.IsType<Lstm>(FromJson("""{"type": "LSTM", "units": 4}"""));
        Assert.False(lstm.ReturnSequences);
        Assert.True(lstm.UnitForgetBias);
        Assert.Equal((Initializer.GlorotUniform, Initializer.Orthogonal, Initializer.Zeros), (lstm.KernelInitializer, lstm.RecurrentInitializer, lstm.BiasInitializer));
        Assert.Equal("""{"type":"LSTM","units":4,"activation":"tanh","recurrent_activation":"sigmoid","return_sequences":false,"kernel_initializer":"glorot_uniform","recurrent_initializer":"orthogonal","bias_initializer":"zeros","unit_forget_bias":true}""",
            lstm.GetConfig().ToJsonString());
        var gru = Assert.IsType<Gru>(FromJson("""{"type": "GRU", "units": 4, "activation": "tanh", "recurrent_activation": "sigmoid", "reset_after": true}"""));
        Assert.False(gru.ReturnSequences);
        Assert.Equal("""{"type":"TimeDistributed","layer":{"type":"Dense","units":3,"activation":"linear","use_bias":true,"kernel_initializer":"glorot_uniform","bias_initializer":"zeros"}}""",
            FromJson("""{"type": "TimeDistributed", "layer": {"type": "Dense", "units": 3}}""").GetConfig().ToJsonString());
    }

    [Theory]
    [InlineData("""{"type": "LSTM", "units": 4, "activation": "relu"}""", "encoder[1]: LSTM computes activation \"tanh\" only (its fused kernel), received \"relu\"")]
    [InlineData("""{"type": "GRU", "units": 4, "recurrent_activation": "hard_sigmoid"}""", "encoder[1]: GRU computes recurrent_activation \"sigmoid\" only (its fused kernel), received \"hard_sigmoid\"")]
    [InlineData("""{"type": "GRU", "units": 4, "reset_after": false}""", "encoder[1]: GRU computes reset_after=True only (PyTorch's form), received \"reset_after\": false")]
    [InlineData("""{"type": "LSTM", "units": 0}""", "encoder[1]: expected a positive number of units, received 0")]
    [InlineData("""{"type": "LSTM"}""", "encoder[1]: LSTM needs \"units\"")]
    [InlineData("""{"type": "LSTM", "units": 2, "return_state": true}""", "encoder[1]: LSTM does not return its state (\"return_state\": true is not supported)")]
    [InlineData("""{"type": "LSTM", "units": 2, "recurrent_dropout": 0.2}""", "encoder[1]: LSTM has no recurrent_dropout, expected 0, received 0.2")]
    [InlineData("""{"type": "GRU", "units": 2, "go_backwards": true}""", "encoder[1]: GRU does not support \"go_backwards\": true")]
    [InlineData("""{"type": "RepeatVector"}""", "encoder[1]: RepeatVector needs \"n\"")]
    [InlineData("""{"type": "TimeDistributed"}""", "encoder[1]: TimeDistributed needs \"layer\": the configuration of the layer to apply to every step")]
    [InlineData("""{"type": "TimeDistributed", "layer": {"type": "Dense"}}""", "encoder[1].layer: Dense needs \"units\"")]
    public void BadConfigsAreRefusedSayingWhy(string json, string message) => Assert.StartsWith(message, Error(json));

    [Theory]
    [InlineData(28, 64)]
    [InlineData(64, 64)]
    [InlineData(3, 7)]
    public void ParameterCountsAreKerass(int inputs, int units)
    {
        // Keras counts one bias per LSTM: 4·(H·(C + H) + H). PyTorch's nn.LSTM holds b_ih and b_hh, which only ever appear
        // summed, so it counts 4H more for the same function. The GRU's two biases are both real (b_hn sits inside r ∘ (…)):
        // 3·H·(C + H) + 6H in both.
        var lstm = new Sequential(new Lstm(units));
        lstm.Build(new Shape(5, inputs));
        Assert.Equal(4 * (units * (inputs + units) + units), lstm.Parameters.TrainableCount);
        var gru = new Sequential(new Gru(units));
        gru.Build(new Shape(5, inputs));
        Assert.Equal(3 * units * (inputs + units) + 6 * units, gru.Parameters.TrainableCount);
        Assert.Equal(["0.kernel", "0.recurrent_kernel", "0.bias"], gru.Parameters.Entries.Select(e => e.Path));
        Assert.Equal(new Shape(2, 3 * units), gru.Parameters.Entries[2].Parameter.Value.Shape);
    }

    [Fact]
    public void ShapesFollowKeras()
    {
        var model = new Sequential(new Lstm(6, returnSequences: true), new Gru(5), new RepeatVector(4), new TimeDistributed(new Dense(3)), new Lstm(2));
        model.Build(new Shape(7, 3));
        Assert.Equal([new Shape(7, 6), new Shape(5), new Shape(4, 5), new Shape(4, 3), new Shape(2)], model.Layers.Select(l => l.OutputShape));
        var error = Assert.Throws<ArgumentException>(() => new Sequential(new Lstm(3)).Build(new Shape(12)));
        Assert.Contains("LSTM expected inputs (steps, features) per sample, received shape (12)", error.Message);
        error = Assert.Throws<ArgumentException>(() => new Sequential(new RepeatVector(3)).Build(new Shape(2, 3)));
        Assert.Contains("RepeatVector expected one vector (features) per sample, received shape (2, 3)", error.Message);
    }

    [Fact]
    public void RecurrentKernelIsOrthogonalAndTheForgetBiasStartsAtOne()
    {
        const int units = 5;
        var model = new Sequential(new Lstm(units));
        model.Build(new Shape(3, 2), seed: 11);
        var layer = (Lstm)model.Layers[0];
        ReadOnlySpan<float> w = layer.RecurrentKernel.Span; // (4H, H): orthonormal columns
        for (int a = 0; a < units; a++)
            for (int b = 0; b < units; b++)
            {
                double dot = 0;
                for (int r = 0; r < 4 * units; r++) dot += (double)w[r * units + a] * w[r * units + b];
                Assert.Equal(a == b ? 1.0 : 0.0, dot, 5);
            }
        Assert.Equal([.. Enumerable.Repeat(0f, units), .. Enumerable.Repeat(1f, units), .. Enumerable.Repeat(0f, 2 * units)], layer.Bias.ToArray());
        var again = new Sequential(new Lstm(units));
        again.Build(new Shape(3, 2), seed: 11);
        Assert.Equal(w.ToArray(), ((Lstm)again.Layers[0]).RecurrentKernel.ToArray()); // deterministic from the seed
    }

    [Fact]
    public void OrthogonalFillsWideMatricesWithOrthonormalRows()
    {
        var values = new float[3 * 8];
        Initializer.Orthogonal.Fill(values, 3, 8, new DeterministicRandom(2));
        for (int a = 0; a < 3; a++)
            for (int b = 0; b < 3; b++)
                Assert.Equal(a == b ? 1.0 : 0.0, Enumerable.Range(0, 8).Sum(c => (double)values[a * 8 + c] * values[b * 8 + c]), 5);
    }

    [Fact]
    public void TheMaskIsPassedOnByLayersThatKeepTheStepsAndReadByTheRecurrentOnes()
    {
        var sequences = new Lstm(3, returnSequences: true);
        var last = new Gru(2);
        var perStep = new TimeDistributed(new Dense(2));
        var model = new Sequential(sequences, perStep, last);
        model.Build(new Shape(4, 2));
        var graph = new Graph(model.Backend) { IsRecording = false };
        var x = graph.Constant(new Shape(2, 4, 2), [1, 2, 3, 4, 5, 6, 7, 8, 8, 7, 6, 5, 4, 3, 2, 1]);
        x.Mask = graph.Constant(new Shape(2, 4), [1, 1, 1, 1, 1, 1, 0, 0]);
        Tensor h1 = sequences.Call(graph, x, training: false);
        Assert.Same(x.Mask, h1.Mask);
        Assert.Equal(0f, h1.Span.Slice((4 + 2) * 3, 2 * 3).ToArray().Max(Math.Abs)); // padded steps show zeros
        Tensor h2 = perStep.Call(graph, h1, training: false);
        Assert.Same(x.Mask, h2.Mask);
        Tensor h3 = last.Call(graph, h2, training: false);
        Assert.Null(h3.Mask);
        Assert.True(sequences.PassesMaskOn && perStep.PassesMaskOn && !last.PassesMaskOn && !new RepeatVector(2).PassesMaskOn);
    }

    [Fact]
    public void TimeDistributedSharesItsWeightsAcrossSteps()
    {
        var inner = new Dense(2);
        var model = new Sequential(new TimeDistributed(inner));
        model.Build(new Shape(3, 4));
        Assert.Equal(["0.kernel", "0.bias"], model.Parameters.Entries.Select(e => e.Path));
        Assert.Same(inner.Kernel, model.Parameters.Entries[0].Parameter.Value);
        float[] steps = [.. Enumerable.Range(0, 12).Select(i => i * 0.1f)];
        float[] together = model.Predict(new Dataset(steps, 12));
        var alone = new Sequential(new Dense(2));
        alone.Build(new Shape(4));
        alone.Parameters.Restore(model.Parameters.Snapshot());
        Assert.Equal(together, alone.Predict(new Dataset(steps, 4)));
    }

    [Fact]
    public void TheLstmPresetWrittenAsAYamlModelFileIsThePreset()
    {
        const string yaml = """
            name: lstm
            loss: bce
            encoder:
              - Reshape: {target_shape: [28, 28]}
              - LSTM: {units: 64}
            decoder:
              - RepeatVector: {n: 28}
              - LSTM: {units: 64, return_sequences: true}
              - TimeDistributed: {layer: {Dense: {units: 28, activation: sigmoid}}}
              - Flatten
            """;
        var file = YamlModelFile.Parse(yaml, "lstm.yaml");
        file.Build(new Shape(784), seed: 1);
        var (preset, _) = ModelPresets.Create("lstm", 784);
        preset.Build(new Shape(784), seed: 1);
        Assert.Equal(ModelArchitecture.ToJson(preset).ToJsonString(), ModelArchitecture.ToJson(file.Model).ToJsonString());
        Assert.Equal(preset.Parameters.Snapshot(), file.Model.Parameters.Snapshot());
    }

    [Fact]
    public void AModelWithEverySequenceLayerSurvivesAModelFile()
    {
        var model = new Sequential(
            new Lstm(4, returnSequences: true), new Gru(3), new RepeatVector(6), new Lstm(5, returnSequences: true),
            new TimeDistributed(new Dense(2, Activation.Sigmoid))) { Name = "sequences" };
        model.Build(new Shape(6, 2), seed: 5);
        string path = folder.File("sequences.safetensors");

        ModelFile.Save(model, path);
        var copy = Assert.IsType<Sequential>(ModelFile.Load(path).Model);

        Assert.Equal(ModelArchitecture.ToJson(model).ToJsonString(), ModelArchitecture.ToJson(copy).ToJsonString());
        Assert.Equal(model.Parameters.Entries.Select(e => e.Path), copy.Parameters.Entries.Select(e => e.Path));
        Assert.Equal(model.Parameters.Snapshot(), copy.Parameters.Snapshot());
        var data = new Dataset([.. Enumerable.Range(0, 5 * 12).Select(i => MathF.Sin(i))], 12);
        Assert.Equal(model.Predict(data), copy.Predict(data));
        Assert.IsType<Dense>(Assert.IsType<TimeDistributed>(copy.Layers[4]).Layer);
    }
}
