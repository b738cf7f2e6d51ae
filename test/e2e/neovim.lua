-- Headless Neovim 0.7+ as a second real LSP client: attach the bundled server to the buffer,
-- wait for its diagnostics, and write them as JSON for the test to check.
-- Usage: nvim --headless -u NONE -c "luafile test/e2e/neovim.lua" <file>  (env: SHIPSHAPE_SERVER, SHIPSHAPE_OUT)
local server = os.getenv('SHIPSHAPE_SERVER')
local out = os.getenv('SHIPSHAPE_OUT')
local bufnr = vim.api.nvim_get_current_buf()
local file = vim.api.nvim_buf_get_name(bufnr)
local client_id = vim.lsp.start_client({
  name = 'shipshape',
  cmd = { 'node', server, '--stdio' },
  root_dir = vim.fn.fnamemodify(file, ':h'),
})
vim.lsp.buf_attach_client(bufnr, client_id)

local function finish(diagnostics)
  local rows = {}
  for _, d in ipairs(diagnostics) do
    table.insert(rows, { code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code), lnum = d.lnum, col = d.col, source = d.source })
  end
  local handle = io.open(out, 'w')
  handle:write(vim.fn.json_encode(rows))
  handle:close()
  vim.cmd('qall!')
end

local waited = 0
local timer = vim.loop.new_timer()
timer:start(100, 100, vim.schedule_wrap(function()
  waited = waited + 100
  local diagnostics = vim.diagnostic.get(bufnr)
  if #diagnostics > 0 or waited > 20000 then
    timer:stop()
    finish(diagnostics)
  end
end))
