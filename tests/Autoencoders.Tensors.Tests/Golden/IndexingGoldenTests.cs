using System.Text.Json;
using Autoencoders.Tensors.Autodiff;

namespace Autoencoders.Tensors.Tests.Golden;

/// <summary>
/// Gather, Concatenate, Slice and the softmax cross-entropies against nn.Embedding, torch.cat, narrow and
/// F.cross_entropy (indexing.json, from tools/golden/make_indexing_golden.py): values, then gradients through
/// L = Σ w ∘ y with PyTorch's w (or of the loss itself), on every golden backend.
/// </summary>
public sealed class IndexingGoldenTests
{
    private static readonly JsonElement Golden = GoldenFile.Read("indexing.json");

    [Theory]
    [InlineData("embedding_repeated_and_unused")]
    [InlineData("embedding_single_steps")]
    public void GatherMatchesEmbedding(string name)
    {
        JsonElement golden = Golden.Case(name);
        foreach (var backend in GoldenFile.Backends)
        {
            var table = TestTensors.Leaf(golden.Shape("table_shape"), golden.Floats("table"));
            table.Grad = new Tensor(table.Shape);
            table.Grad.Span.Fill(float.NaN); // untouched rows must be overwritten with zeros, not left
            var ids = new Tensor(golden.Shape("ids_shape"), golden.Floats("ids"));
            var graph = new Graph(backend);
            Tensor y = graph.Gather(table, ids);
            string what = $"{name} on {backend.Name}";
            Assert.Equal(golden.Shape("y_shape"), y.Shape);
            GoldenFile.AssertNear(golden.Floats("y"), y.Span, what + ": y");
            graph.Backward(graph.Sum(graph.Multiply(y, graph.Constant(y.Shape, golden.Floats("weights")))));
            GoldenFile.AssertNear(golden.Floats("dtable"), table.Grad!.Span, what + ": dL/dtable");
        }
    }

    [Theory]
    [InlineData("sparse_2d", true)]
    [InlineData("sparse_3d", true)]
    [InlineData("probability_2d", false)]
    [InlineData("probability_3d", false)]
    public void CrossEntropyMatchesPyTorch(string name, bool sparse)
    {
        JsonElement golden = Golden.Case(name);
        Shape shape = golden.Shape("logits_shape");
        foreach (var backend in GoldenFile.Backends)
        {
            var logits = TestTensors.Leaf(shape, golden.Floats("logits"));
            var targets = sparse ? new Tensor(golden.Shape("targets_shape"), golden.Floats("targets")) : new Tensor(shape, golden.Floats("targets"));
            var graph = new Graph(backend);
            Tensor loss = sparse ? graph.SparseCategoricalCrossEntropy(logits, targets) : graph.CategoricalCrossEntropy(logits, targets);
            string what = $"{name} on {backend.Name}";
            GoldenFile.AssertNear([golden.Single("loss")], loss.Span, what + ": loss");
            graph.Backward(loss);
            GoldenFile.AssertNear(golden.Floats("dlogits"), logits.Grad!.Span, what + ": dL/dlogits");
            GoldenFile.AssertNear([golden.Single("loss") * (shape.ElementCount / shape[shape.Rank - 1])],
                [(float)backend.SoftmaxCrossEntropySum(logits, targets, sparse)], what + ": the evaluation sum");
        }
    }

    [Theory]
    [InlineData("cat_two_last_axis")]
    [InlineData("cat_three_axis1")]
    [InlineData("cat_two_2d")]
    public void ConcatenateMatchesCat(string name)
    {
        JsonElement golden = Golden.Case(name);
        var shapes = golden.GetProperty("shapes").EnumerateArray().Select(s => new Shape([.. s.EnumerateArray().Select(d => d.GetInt32())])).ToArray();
        var values = golden.GetProperty("parts").EnumerateArray().Select(p => p.Floats()).ToArray();
        var grads = golden.GetProperty("grads").EnumerateArray().Select(p => p.Floats()).ToArray();
        int axis = golden.GetProperty("axis").GetInt32();
        foreach (var backend in GoldenFile.Backends)
        {
            var parts = shapes.Select((s, i) => TestTensors.Leaf(s, values[i])).ToArray();
            var graph = new Graph(backend);
            Tensor y = graph.Concatenate(parts, axis);
            string what = $"{name} on {backend.Name}";
            Assert.Equal(golden.Shape("y_shape"), y.Shape);
            GoldenFile.AssertNear(golden.Floats("y"), y.Span, what + ": y");
            graph.Backward(graph.Sum(graph.Multiply(y, graph.Constant(y.Shape, golden.Floats("weights")))));
            for (int i = 0; i < parts.Length; i++)
                GoldenFile.AssertNear(grads[i], parts[i].Grad!.Span, $"{what}: dL/dpart{i}");
        }
    }

    [Theory]
    [InlineData("slice_axis1")]
    [InlineData("slice_last_axis")]
    public void SliceMatchesNarrow(string name)
    {
        JsonElement golden = Golden.Case(name);
        foreach (var backend in GoldenFile.Backends)
        {
            var x = TestTensors.Leaf(golden.Shape("x_shape"), golden.Floats("x"));
            var graph = new Graph(backend);
            Tensor y = graph.Slice(x, golden.GetProperty("axis").GetInt32(), golden.GetProperty("start").GetInt32(), golden.GetProperty("length").GetInt32());
            string what = $"{name} on {backend.Name}";
            Assert.Equal(golden.Shape("y_shape"), y.Shape);
            GoldenFile.AssertNear(golden.Floats("y"), y.Span, what + ": y");
            graph.Backward(graph.Sum(graph.Multiply(y, graph.Constant(y.Shape, golden.Floats("weights")))));
            GoldenFile.AssertNear(golden.Floats("dx"), x.Grad!.Span, what + ": dL/dx");
        }
    }
}
