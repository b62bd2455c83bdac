namespace Likeness.Governance.Policy;

/// <summary>What an operation does with faces, the unit policies are written in.</summary>
public enum OperationClass
{
    /// <summary>DetectFaces: describing faces, no identity involved.</summary>
    Analysis,

    /// <summary>CompareFaces: one face against the faces of one other image (1:1 / 1:few).</summary>
    Comparison,

    /// <summary>SearchFaces, SearchFacesByImage, SearchUsers, SearchUsersByImage: a face against a gallery (1:N).</summary>
    Identification,

    /// <summary>IndexFaces, CreateUser, AssociateFaces: putting faces into a gallery.</summary>
    Indexing,

    /// <summary>Collections and users listed, described, deleted; faces deleted or disassociated.</summary>
    Management,
}
