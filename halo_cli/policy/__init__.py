"""Worker and Manager policies over an OpenAI-compatible chat client."""
