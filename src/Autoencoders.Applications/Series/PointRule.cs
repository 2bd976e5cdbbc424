namespace Autoencoders.Applications.Series;

/// <summary>How window flags become point flags: window j covers steps [jS, jS + W).</summary>
public enum PointRule
{
    /// <summary>
    /// A step is anomalous when every window covering it is above the threshold (the Keras example's rule, but checking
    /// all the covering windows: the example's slice <c>anomalies[i − W + 1 : i]</c> leaves out the last one, window i).
    /// </summary>
    AllWindows,

    /// <summary>A step is anomalous when any window covering it is above the threshold: more recall, ranges a window wider.</summary>
    AnyWindow,
}
