"""PyInstaller hook for llama-cpp-python (pyinstaller-hooks-contrib has none).

llama_cpp loads libllama/libggml*/libmtmd with ctypes from `llama_cpp/lib/` next to its
own module, so PyInstaller's import analysis never sees them: ship that folder's shared
libraries as binaries at the same place. With GGML_BACKEND_DL builds the backend modules
(libggml-cpu-*.so, libggml-vulkan.so, ...) live there too and come along the same way.
"""

from PyInstaller.utils.hooks import collect_dynamic_libs

binaries = collect_dynamic_libs("llama_cpp")
# The chat-template code imports jinja2 lazily.
hiddenimports = ["jinja2"]
