using System.Text.Json.Nodes;
using Autoencoders.Interchange.Onnx;
using Autoencoders.Nn.Layers;
using Autoencoders.Nn.Models;
using Autoencoders.Nn.Presets;
using Autoencoders.Tensors;
using Autoencoders.Tensors.Autodiff;
using Onnx;
using Xunit.Abstractions;

namespace Autoencoders.Interchange.Tests.Onnx;

/// <summary>What the exported files declare: versions, names, the batch dimension, the inference form, metadata, errors.</summary>
[Collection(TrainedPresetsCollection.Name)]
public sealed class OnnxExporterTests(TrainedPresets presets, ITestOutputHelper log)
{
    [Fact]
    public void DeclaresOpset17IrVersion8AndNamedInputsAndOutputsWithASymbolicBatch()
    {
        var model = presets.Get("dense");

        ModelProto autoencoder = OnnxExporter.Export(model), encoder = OnnxExporter.Export(model, OnnxPart.Encoder),
            decoder = OnnxExporter.Export(model, OnnxPart.Decoder);

        Assert.Equal(8, autoencoder.IrVersion);
        Assert.Equal(17, Assert.Single(autoencoder.OpsetImport).Version);
        Assert.Equal("", autoencoder.OpsetImport[0].Domain);
        Assert.Equal([("input", "batch, 784")], Signature(autoencoder.Graph.Input));
        Assert.Equal([("output", "batch, 784")], Signature(autoencoder.Graph.Output));
        Assert.Equal([("code", "batch, 32")], Signature(encoder.Graph.Output));
        Assert.Equal([("code", "batch, 32")], Signature(decoder.Graph.Input));
        Assert.Equal([("output", "batch, 784")], Signature(decoder.Graph.Output));
    }

    [Fact]
    public void InitializersAreNamedAsTheModelFileNamesParameters()
    {
        var model = presets.Get("dense");

        var names = OnnxExporter.Export(model).Graph.Initializer.Select(t => t.Name);

        Assert.Equal(model.Parameters.Entries.Select(e => e.Path).Order(), names.Order());
    }

    [Fact]
    public void VariationalEncoderGivesMeanAndLogVarianceAndTheAutoencoderDecodesTheMean()
    {
        var model = presets.Get("vae");

        var encoder = OnnxExporter.Export(model, OnnxPart.Encoder).Graph;
        var autoencoder = OnnxExporter.Export(model).Graph;

        Assert.Equal([("mu", "batch, 20"), ("log_var", "batch, 20")], Signature(encoder.Output));
        // No sampling: the decoder reads μ, and log σ² is not computed at all.
        Assert.DoesNotContain(autoencoder.Node, n => n.OpType.StartsWith("Random", StringComparison.Ordinal));
        Assert.DoesNotContain(autoencoder.Initializer, t => t.Name.Contains("log_variance", StringComparison.Ordinal));
    }

    [Fact]
    public void ConvDeepHasBatchNormInInferenceFormAndNoDropout()
    {
        var graph = OnnxExporter.Export(presets.Get("conv-deep")).Graph;

        var normalizations = graph.Node.Where(n => n.OpType == "BatchNormalization").ToList();
        Assert.Equal(2, normalizations.Count);
        Assert.All(normalizations, n => Assert.Equal(0, n.Attribute.Single(a => a.Name == "training_mode").I));
        Assert.DoesNotContain(graph.Node, n => n.OpType == "Dropout");
        log.WriteLine($"conv-deep: {string.Join(" ", graph.Node.Select(n => n.OpType))}");
    }

    [Fact]
    public void NoiseLayersAreTheIdentity()
    {
        var graph = OnnxExporter.Export(presets.Get("denoising")).Graph;

        Assert.Equal(["Gemm", "Relu", "Gemm", "Relu", "Gemm", "Relu", "Gemm", "Sigmoid"], graph.Node.Select(n => n.OpType));
    }

    [Fact]
    public void MetadataRecordsThePartTheArchitectureAndWhatTheCallerAdds()
    {
        var model = presets.Get("dense");

        var onnx = OnnxExporter.Export(model, OnnxPart.Encoder, new Dictionary<string, string> { ["preprocessing.minmax"] = "{\"minimum\":[0],\"maximum\":[1]}" });

        var properties = onnx.MetadataProps.ToDictionary(p => p.Key, p => p.Value);
        Assert.Equal("encoder", properties[OnnxNames.PartKey]);
        Assert.Equal("Autoencoder", JsonNode.Parse(properties[OnnxNames.ArchitectureKey])!["class"]!.GetValue<string>());
        Assert.Equal("{\"minimum\":[0],\"maximum\":[1]}", properties["preprocessing.minmax"]);
    }

    [Fact]
    public void AnUnsupportedLayerFailsNamingIt()
    {
        var model = new Autoencoder([new Doubling(), new Dense(4)], [new Dense(8)]);
        model.Build(new Shape(8), seed: 1);

        var error = Assert.Throws<NotSupportedException>(() => OnnxExporter.Export(model));

        Assert.Equal("encoder.0 doubling (Doubling): layer type Doubling has no ONNX export", error.Message);
    }

    [Fact]
    public void APlainSequentialModelExportsWholeButHasNoEncoderPart()
    {
        var model = new Sequential(new Dense(16, Activation.Tanh), new Dense(ExportSamples.Features, Activation.Sigmoid));
        model.Build(new Shape(ExportSamples.Features), seed: 3);
        var samples = ExportSamples.Compare;

        byte[] bytes = Google.Protobuf.MessageExtensions.ToByteArray(OnnxExporter.Export(model));
        var theirs = OnnxRuntimeRun.Run(bytes, OnnxNames.Input, samples.Features, [samples.Count, ExportSamples.Features]);

        Assert.True(OnnxRuntimeRun.MaxDifference(model.Predict(samples), theirs[OnnxNames.Output]).Scaled <= OnnxRuntimeAgreementTests.Tolerance);
        var error = Assert.Throws<ArgumentException>(() => OnnxExporter.Export(model, OnnxPart.Encoder));
        Assert.Contains("expected the part autoencoder, received encoder", error.Message);
    }

    [Fact]
    public void AnUnbuiltModelIsRefused()
    {
        var (model, _) = ModelPresets.Create("dense", ExportSamples.Features);

        Assert.Throws<InvalidOperationException>(() => OnnxExporter.Export(model));
    }

    private static List<(string, string)> Signature(IEnumerable<ValueInfoProto> values) =>
        [.. values.Select(v => (v.Name, OnnxGraphBuilder.DescribeShape(v)))];

    /// <summary>A layer our exporter does not know.</summary>
    private sealed class Doubling : Layer
    {
        public override string TypeName => "Doubling";

        public override Shape ComputeOutputShape(Shape inputShape) => inputShape;

        public override Tensor Forward(Graph graph, Tensor x, bool training) => graph.Scale(x, 2f);

        public override JsonObject GetConfig() => Config();
    }
}
