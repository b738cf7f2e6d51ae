-- Headless Neovim (0.7+) as a real LSP client running the README's recipe: source the recipe,
-- open the files, wait for their diagnostics, and write diagnostics and clients as JSON.
-- Usage: nvim --headless -u NONE -c "luafile test/e2e/neovim.lua"
-- env: SHIPSHAPE_RECIPE (a Lua file: the README block), SHIPSHAPE_FILES (paths, one per line),
--      SHIPSHAPE_EXPECT (paths that must get diagnostics, one per line), SHIPSHAPE_OUT (JSON),
--      SHIPSHAPE_SHIM=1 (stand in for Neovim 0.11's vim.lsp.config/enable on an older Neovim).
vim.cmd('filetype on')

local function lines(text)
  local out = {}
  for line in (text or ''):gmatch('[^\n]+') do table.insert(out, line) end
  return out
end

if os.getenv('SHIPSHAPE_SHIM') == '1' and not vim.lsp.config then
  -- Neovim 0.11 names Compose files yaml.docker-compose; 0.7 says yaml.
  vim.cmd('autocmd BufNewFile,BufRead compose.y*ml,compose.*.y*ml,docker-compose*.y*ml set filetype=yaml.docker-compose')
  -- What vim.lsp.enable does with a vim.lsp.config table: on a listed file type, find the root
  -- by root_markers and reuse the client started for that root.
  local configs, clients = {}, {}
  vim.lsp.config = function(name, config) configs[name] = config end
  vim.lsp.enable = function(name)
    local config = configs[name]
    vim.api.nvim_create_autocmd('FileType', {
      pattern = config.filetypes,
      callback = function(args)
        local dir = vim.fn.fnamemodify(vim.api.nvim_buf_get_name(args.buf), ':p:h')
        local root = nil
        for _, marker in ipairs(config.root_markers or {}) do
          local found = vim.fn.finddir(marker, dir .. ';')
          if found ~= '' then root = vim.fn.fnamemodify(found, ':p:h:h') break end
          found = vim.fn.findfile(marker, dir .. ';')
          if found ~= '' then root = vim.fn.fnamemodify(found, ':p:h') break end
        end
        local key = root or dir
        if not clients[key] then
          clients[key] = vim.lsp.start_client({ name = name, cmd = config.cmd, root_dir = root,
            workspace_folders = root and { { uri = vim.uri_from_fname(root), name = root } } or nil })
        end
        vim.lsp.buf_attach_client(args.buf, clients[key])
      end,
    })
  end
end

dofile(os.getenv('SHIPSHAPE_RECIPE'))

local buffers = {}
for _, file in ipairs(lines(os.getenv('SHIPSHAPE_FILES'))) do
  vim.cmd('edit ' .. vim.fn.fnameescape(file))
  buffers[file] = vim.api.nvim_get_current_buf()
end
local expect = lines(os.getenv('SHIPSHAPE_EXPECT'))

local function finish()
  local result = { files = {}, clients = {} }
  for file, bufnr in pairs(buffers) do
    local codes = {}
    for _, d in ipairs(vim.diagnostic.get(bufnr)) do
      table.insert(codes, d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code))
    end
    local attached = 0
    for _ in pairs(vim.lsp.buf_get_clients(bufnr)) do attached = attached + 1 end
    result.files[file] = { codes = codes, attached = attached }
  end
  for _, client in pairs(vim.lsp.get_active_clients()) do
    table.insert(result.clients, { name = client.name, root = client.config.root_dir or vim.NIL })
  end
  local handle = io.open(os.getenv('SHIPSHAPE_OUT'), 'w')
  handle:write(vim.fn.json_encode(result))
  handle:close()
  vim.cmd('qall!')
end

local waited = 0
local timer = vim.loop.new_timer()
timer:start(100, 100, vim.schedule_wrap(function()
  waited = waited + 100
  local done = true
  for _, file in ipairs(expect) do
    if #vim.diagnostic.get(buffers[file]) == 0 then done = false end
  end
  if done or waited > 30000 then
    timer:stop()
    finish()
  end
end))
