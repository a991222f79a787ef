// Placeholder: replaced by the Redis launcher (standalone + 3-node cluster) in packages/testing.
export default function setup(): void {}
